"""Sign-up for hosts and DJs (log-in is Django's own form)."""

from django import forms

from liveparty.accounts.models import User


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
