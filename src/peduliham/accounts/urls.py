from django.urls import path

from peduliham.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("kata-sandi/", views.password_change, name="password_change"),
    path("verifikasi/", views.two_factor_verify, name="two_factor_verify"),
    path("daftar-2fa/", views.two_factor_enrol, name="two_factor_enrol"),
    path("beranda/", views.home, name="home"),
]
