using Microsoft.AspNetCore.Identity;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Features.Audit;

namespace Pana.Features.Identity;

/// <summary>Checks a user name and password for the sign-in page and the token endpoint alike, counting failures toward lockout and auditing every attempt.</summary>
public sealed class CredentialCheck(SignInManager<PanaUser> signIn, UserManager<PanaUser> users, AuditLog audit)
{
    public async Task<CredentialResult> CheckAsync(string userName, string password, string channel, CancellationToken ct = default)
    {
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            await audit.WriteForAsync(null, userName ?? "", AuditAction.SignInFailed, $"{channel}: unknown user name", ct);
            return new CredentialResult(CredentialOutcome.Invalid, null);
        }
        if (!user.IsActive)
        {
            await audit.WriteForAsync(user.Id, user.UserName!, AuditAction.SignInFailed, $"{channel}: account is deactivated", ct);
            return new CredentialResult(CredentialOutcome.Invalid, null);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteForAsync(user.Id, user.UserName!, AuditAction.SignIn, $"{channel}: signed in", ct);
            return new CredentialResult(CredentialOutcome.Ok, user);
        }
        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user);
            await audit.WriteForAsync(user.Id, user.UserName!, AuditAction.LockedOut, $"{channel}: account locked until {until:u}", ct);
            return new CredentialResult(CredentialOutcome.LockedOut, null);
        }
        await audit.WriteForAsync(user.Id, user.UserName!, AuditAction.SignInFailed, $"{channel}: wrong password", ct);
        return new CredentialResult(CredentialOutcome.Invalid, null);
    }
}

public enum CredentialOutcome { Ok, Invalid, LockedOut }

public sealed record CredentialResult(CredentialOutcome Outcome, PanaUser? User);
