using Microsoft.AspNetCore.Identity;
using Pana.Data.Identity;
using Pana.Infrastructure;

namespace Pana.Features.Identity.Users;

/// <summary>Sets a new password: an administrator for a user, or a user for themself with their current password.</summary>
public sealed class ResetPassword(UserManager<PanaUser> users)
{
    public async Task<Outcome<bool>> ByAdministratorAsync(string userId, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome<bool>.Missing();
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return Result(await users.ResetPasswordAsync(user, token, newPassword ?? ""));
    }

    public async Task<Outcome<bool>> ByOwnerAsync(string userId, string currentPassword, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome<bool>.Missing();
        }
        return Result(await users.ChangePasswordAsync(user, currentPassword ?? "", newPassword ?? ""));
    }

    private static Outcome<bool> Result(IdentityResult result) => result.Succeeded
        ? Outcome<bool>.Ok(true)
        : Outcome<bool>.Invalid("NewPassword", string.Join(" ", result.Errors.Select(e => e.Description)));
}
