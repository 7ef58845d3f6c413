using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pana.Data;
using Pana.Data.Identity;
using Pana.Features.Identity.Tokens;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity;

/// <summary>Sign-in for people (Identity cookie) and bearer tokens for programs under /api.</summary>
public static class IdentitySetup
{
    public const string Scheme = "Pana";

    public static IServiceCollection AddPanaIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<PanaUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = config.GetValue("Pana:Lockout:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Pana:Lockout:Minutes", 15));
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PanaDb>()
            .AddClaimsPrincipalFactory<PanaClaims>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "pana.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Identity/SignIn";
            o.LogoutPath = "/Identity/SignOut";
            o.AccessDeniedPath = "/Identity/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        // A deactivated or re-roled user loses their session within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(o =>
            {
                // AddIdentity set its cookie as the default for authenticate; the policy scheme must win for /api.
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie for pages, bearer token for the API", o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.Path.StartsWithSegments("/api")
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);

        services.AddAuthorization(Policies.Add);
        services.AddApiExample(new TokenRequest("registration", "Pana-demo-2026", "nightly export"));
        services.AddApiExample(new Users.CreateUser.Command("a.nurlanova", "Aigerim Nurlanova", "a.nurlanova@example.org", Guid.Empty, [Roles.ProtectionOfficer], "Choose-a-long-one-2026"));
        services.AddSingleton<TokenPrincipals>();
        services.AddSingleton<TokenPrincipalEviction>();
        services.AddScoped<CredentialCheck>();
        services.AddScoped<IssueToken>();
        services.AddScoped<RevokeToken>();
        services.AddScoped<Users.CreateUser>();
        services.AddScoped<Users.UpdateUser>();
        services.AddScoped<Users.ResetPassword>();
        services.AddScoped<Users.UserDirectory>();
        services.AddScoped<Bootstrap>();
        return services;
    }
}

/// <summary>Puts the user's organisation and display name into their claims.</summary>
public sealed class PanaClaims(UserManager<PanaUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PanaUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PanaUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.OrganisationClaim, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
