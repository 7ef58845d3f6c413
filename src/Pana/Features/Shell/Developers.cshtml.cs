using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pana.Features.Shell;

/// <summary>The API reference, drawn from /openapi/v1.json; public, like the document itself, since it holds no data.</summary>
[AllowAnonymous]
public sealed class DevelopersModel : PageModel
{
    public void OnGet()
    {
    }
}
