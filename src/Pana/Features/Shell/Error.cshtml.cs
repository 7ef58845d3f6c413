using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pana.Features.Shell;

/// <summary>The page shown for an unknown address, a refused request or an error, in the user's language.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<UiText> t) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        (Title, Explanation) = status switch
        {
            404 => (t["Not found"].Value, t["There is nothing at this address, or you may not see it."].Value),
            403 => (t["Access denied"].Value, t["Your role does not allow you to open this page. If you need it for your work, ask an administrator."].Value),
            400 => (t["Bad request"].Value, t["The request could not be understood. Go back and try again."].Value),
            429 => (t["Too many attempts"].Value, t["Wait a minute and try again."].Value),
            _ => (t["Something went wrong"].Value, t["The error is logged. Nothing you entered was saved unless the page said so."].Value),
        };
        RequestId = status >= 500 ? Activity.Current?.Id ?? HttpContext.TraceIdentifier : null;
        if (code is not null)
        {
            Response.StatusCode = status;
        }
    }
}
