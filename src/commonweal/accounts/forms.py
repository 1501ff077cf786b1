from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from commonweal.accounts.models import User


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class SignUpForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        help_text=_("As you want others to see it, in any script."),
    )
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=[("", "—"), *settings.LANGUAGES], required=False
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            probe = User(email=cleaned.get("email", ""), first_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class InvitationAcceptForm(SignUpForm):
    """Sign-up through an invitation: the address is the invited one."""

    def __init__(self, *args, invited_email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = invited_email
        self.fields["email"].disabled = True


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address to invite"))


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type ERASE to confirm"),
        max_length=10,
    )

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value != "ERASE":
            raise forms.ValidationError(_("Type ERASE in capitals to confirm."))
        return value
