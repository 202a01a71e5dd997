from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "peduliham.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from peduliham.accounts import usercache
        from peduliham.accounts.models import User

        post_save.connect(usercache.forget_saved, sender=User, dispatch_uid="usercache-save")
        post_delete.connect(usercache.forget_saved, sender=User, dispatch_uid="usercache-delete")
        connection_created.connect(
            usercache.connection_created, dispatch_uid="usercache-connection"
        )
