using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Pana;
using Pana.Features.Audit;
using Pana.Features.Identity;
using Pana.Features.Identity.Tokens;
using Pana.Features.Identity.Users;
using Pana.Features.Matching;
using Pana.Features.ReferenceData;
using Pana.Features.Registry;
using Pana.Features.Shell;
using Pana.Features.Statistics;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;
using Pana.Infrastructure.Localization;

// "migrate", "verify-audit", "generate --people N" and "population-counts" run once and exit; anything else starts the web app.
var command = args.FirstOrDefault(a => a is "migrate" or "verify-audit" or "generate" or "population-counts");
var commandArgs = command is null ? [] : args.SkipWhile(a => a != command).Skip(1).ToArray();
var builder = WebApplication.CreateBuilder(command is null ? args : args.TakeWhile(a => a != command).ToArray());
var config = builder.Configuration;
var services = builder.Services;

services.AddSingleton(TimeProvider.System);
services.AddSingleton<LocalClock>();
services.AddSingleton<BatchSlot>();
services.AddHttpContextAccessor();
services.AddSingleton<CurrentUser>(); // reads the request from IHttpContextAccessor, so the pooled contexts' interceptors can hold it
services.AddProblemDetails();
services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
// Cyrillic pages are written as text, not as &#x...; escapes.
services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

// Audit first: every database context writes through the audit trail.
services.AddSingleton<AuditSealing>();
services.AddHostedService(sp => sp.GetRequiredService<AuditSealing>());
services.AddSingleton<AuditWriter>();
services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
services.AddSingleton<AuditTrail>();
services.AddScoped<AuditLog>();
services.AddScoped<AuditChain>();
services.AddScoped<SearchAudit>();
services.AddScoped<ExportAudit>();
services.AddScoped<AuditFigures>();
// EF Core's check for two threads on one context sets an AsyncLocal on every row read: a sixth of an import's allocations
// (dotnet-trace). Development and the tests keep it, to catch such a bug; production, tested, goes without.
services.AddPanaDatabase(config, builder.Environment.ContentRootPath, (sp, o) => o.AddInterceptors(sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<TokenPrincipalEviction>())
    .EnableThreadSafetyChecks(!builder.Environment.IsProduction()));

services.AddPanaIdentity(config);
services.AddScoped<ReferenceSeed>();
services.AddScoped<SaveReferenceItem>();
services.AddScoped<SaveOrganisation>();
services.AddScoped<ReferenceDirectory>();
services.AddRegistry();
services.AddMatching();
services.AddScoped<PopulationTables>();

services.AddDataProtection().SetApplicationName("Pana")
    .PersistKeysToFileSystem(new DirectoryInfo(config["Pana:DataProtection:KeysPath"] ?? Path.Combine(builder.Environment.ContentRootPath, "data", "keys")));

services.AddLocalization(o => o.ResourcesPath = "Resources");
services.Configure<RequestLocalizationOptions>(o =>
{
    o.SetDefaultCulture(Cultures.Names[0]);
    o.SupportedCultures = Cultures.All;
    o.SupportedUICultures = Cultures.All;
    o.FallBackToParentCultures = true;
    o.FallBackToParentUICultures = true;
});
services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.Conventions.AuthorizeFolder("/Admin", Policies.Administer);
    })
    .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(UiText)));
services.AddSingleton<IConfigureOptions<MvcOptions>, ModelBindingText>();

services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    var perMinute = config.GetValue("Pana:RateLimit:CredentialsPerMinute", 20);
    o.AddPolicy(TokenEndpoints.RateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "local",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
});
services.AddOpenApi("v1", o => ApiDocument.Describe(o));
// One structured line per request; the path only, since a query string may hold a name searched for.
services.AddHttpLogging(o =>
{
    o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
    o.CombineLogs = true;
});

var app = builder.Build();

if (command is not null)
{
    return await Commands.RunAsync(command, app.Services, commandArgs);
}
if (config.GetValue("Pana:Database:MigrateOnStart", true))
{
    await Commands.PrepareAsync(app.Services);
}

app.UseHttpLogging();
app.UseShell();
app.UseRequestLocalization();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapOpenApi().AllowAnonymous();
app.MapHealth();

var api = app.MapGroup("/api/v1").RequireAuthorization();
api.MapTokenEndpoints();
api.MapUserEndpoints();
api.MapAuditEndpoints();
api.MapReferenceEndpoints();
api.MapRegistryEndpoints();
api.MapRegistryImportExport();
api.MapStatisticsEndpoints();
api.MapMatchingEndpoints();

app.Lifetime.ApplicationStarted.Register(() => Banner.Print(app));
app.Run();
return 0;

/// <summary>The entry point, named so that tests can start the app with WebApplicationFactory.</summary>
public partial class Program;
