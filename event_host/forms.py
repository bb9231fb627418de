"""Sign-up and log-in for hosts and DJs."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from liveparty.accounts.models import User
from liveparty.accounts.services import log_in
from liveparty.errors import RateLimited, Unauthenticated
from liveparty.network import request_address


class LoginForm(AuthenticationForm):
    """Django's log-in form, through `log_in`: too many wrong passwords and every try is
    refused for a while, the right one too."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That username and password do not match an account.",
    }

    def clean(self) -> dict:
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = log_in(username, password, request_address(self.request))
            except RateLimited as refusal:
                raise forms.ValidationError(refusal.message, code="rate_limited") from refusal
            except Unauthenticated as refusal:
                raise self.get_invalid_login_error() from refusal
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class SignupForm(forms.Form):
    username = forms.CharField(max_length=150, help_text="Letters, digits and @ . + - _ only.")
    display_name = forms.CharField(
        max_length=80, required=False, help_text="What guests see (DJ Nova, Hana); your username if empty."
    )
    password = forms.CharField(widget=forms.PasswordInput, min_length=8)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username=username).exists():
            raise forms.ValidationError(f"The username {username!r} is taken.")
        return username
