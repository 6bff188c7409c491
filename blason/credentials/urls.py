app_name = "credentials"

urlpatterns = []
