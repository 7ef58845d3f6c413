using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Pana.Infrastructure.Tables;

namespace Pana.Features.Registry;

/// <summary>
/// Keeps an import's error file for the user who ran the import, to download once. The file holds personal
/// data, so it never goes into a URL: it waits in a scratch folder for a day at most, encrypted with a key
/// only that user's requests can use, under a random id.
/// </summary>
public sealed partial class ImportErrorFiles(IDataProtectionProvider protection, string userId)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "pana-import-errors");

    private IDataProtector Protector => protection.CreateProtector("Pana.Registry.ImportErrorFiles", userId);

    public sealed record ErrorFile(byte[] Content, string ContentType, string Name);

    /// <summary>Stores the report's error file and returns the id to fetch it with.</summary>
    public async Task<string> SaveAsync(ImportReport report, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        RemoveStale();
        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)report.Format);
        await report.WriteErrorFileAsync(buffer, ct);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllBytesAsync(Path.Combine(Folder, id), Protector.Protect(buffer.ToArray()), ct);
        return id;
    }

    /// <summary>The error file, once, and only for the user who stored it; null when it is gone or someone else's.</summary>
    public async Task<ErrorFile?> TakeAsync(string? id, CancellationToken ct)
    {
        if (id is null || !IdPattern().IsMatch(id))
        {
            return null;
        }
        var path = Path.Combine(Folder, id);
        byte[] content;
        try
        {
            content = Protector.Unprotect(await File.ReadAllBytesAsync(path, ct));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or CryptographicException)
        {
            return null;
        }
        File.Delete(path);
        var format = (TableFormat)content[0];
        return new ErrorFile(content[1..], TableWriter.ContentType(format), $"pana-import-errors.{TableWriter.Extension(format)}");
    }

    private static void RemoveStale()
    {
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles().Where(f => f.LastWriteTimeUtc < DateTime.UtcNow - Lifetime))
        {
            try
            {
                file.Delete();
            }
            catch (IOException)
            {
                // Being read right now; the next import removes it.
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();
}
