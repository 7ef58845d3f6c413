using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pana.Data;
using Pana.Features.Identity;

namespace Pana.Features.Shell;

/// <summary>Tells the person who started Pana where it listens and how to sign in.</summary>
public static class Banner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var config = app.Configuration;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        Console.WriteLine();
        Console.WriteLine($"Pana is running on {(db.IsPostgres ? "PostgreSQL" : "SQLite")} at {string.Join(", ", addresses)}");
        if (config.GetValue("Pana:DemoData", false))
        {
            Console.WriteLine($"Sign in as one of the demo users, all with the password {Bootstrap.DemoPassword}:");
            foreach (var (user, name, org, role) in Bootstrap.DemoUsers)
            {
                Console.WriteLine($"  {user,-13} {role,-22} {name} ({org})");
            }
        }
        else if (!string.IsNullOrEmpty(config["Pana:Bootstrap:AdminUser"]))
        {
            Console.WriteLine($"Sign in as {config["Pana:Bootstrap:AdminUser"]} with the password from Pana__Bootstrap__AdminPassword.");
        }
        Console.WriteLine("Press Ctrl+C to stop.");
        Console.WriteLine();
    }
}
