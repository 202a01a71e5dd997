from django.contrib.auth import views as auth_views
from django.urls import path

from peduliham.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url="/akun/beranda/"
        ),
        name="password_change",
    ),
    path("beranda/", views.home, name="home"),
]
