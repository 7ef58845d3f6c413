using System.Globalization;
using CsvHelper;
using Pana.Data.Audit;

namespace Pana.Features.Audit;

/// <summary>Writes the audit entries that match a filter as CSV; the export itself is audited first.</summary>
public sealed class ExportAudit(SearchAudit search, AuditLog audit)
{
    public const int MaxRows = 200_000;

    public async Task WriteAsync(SearchAudit.Filter filter, Stream output, CancellationToken ct = default)
    {
        await audit.WriteAsync(AuditAction.Export, "AuditLog", "", $"Audit log exported as CSV (actor={filter.Actor}, action={filter.Action}, entity={filter.EntityType} {filter.EntityId}, from={filter.From:d}, to={filter.To:d}, text={filter.Text})", ct);
        await using var writer = new StreamWriter(output, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteHeader<SearchAudit.Row>();
        await csv.NextRecordAsync();
        var count = 0;
        await foreach (var row in search.StreamAsync(filter).WithCancellation(ct))
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
            if (++count >= MaxRows)
            {
                break;
            }
        }
    }
}
