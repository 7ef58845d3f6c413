using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Pana.Features.Identity;

/// <summary>Identity's messages (password policy, taken names) in the user's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<UiText> t) : IdentityErrorDescriber
{
    private IdentityError E(string code, string text) => new() { Code = code, Description = text };

    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), t["The password must be at least {0} characters long.", length]);
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), t["The password must contain a digit."]);
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), t["The password must contain a lower-case letter."]);
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), t["The password must contain an upper-case letter."]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), t["The password must contain a character that is not a letter or digit."]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), t["The password must use at least {0} different characters.", uniqueChars]);
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), t["The current password is wrong."]);
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), t["The user name {0} is taken.", userName]);
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), t["The user name {0} may contain only letters, digits and . _ - @", userName ?? ""]);
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), t["Someone else changed this user while you were editing. Reload to see their changes; nothing was saved."]);
    public override IdentityError DefaultError() => E(nameof(DefaultError), t["Something went wrong; nothing was saved."]);
}
