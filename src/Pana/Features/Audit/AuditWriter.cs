using System.Threading.Channels;
using Pana.Data.Audit;

namespace Pana.Features.Audit;

/// <summary>
/// Writes audit lines of views in groups (a group commit): a request hands its line over and waits until the
/// transaction that inserts and seals the lines of every request that came meanwhile is committed. Many views share
/// one transaction, yet no view is answered before its line is in the database: if the app dies before the commit,
/// the waiting requests die with it and nothing was shown unaudited. On shutdown the server first finishes its
/// requests, then this service writes what is still queued; a line handed over later is written directly.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> log) : BackgroundService
{
    // One group stays one sealing batch and one modest transaction.
    private const int MaxGroup = 500;

    private volatile bool running;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a line; the task ends when it is committed and sealed. Null when the service is not running (a command, a stopping app): write it directly.</summary>
    public Task? TryWrite(AuditEntry line)
    {
        if (!running)
        {
            return null;
        }
        var pending = new Pending(line, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(pending) ? pending.Done.Task : null;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        running = true;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        running = false;
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>(MaxGroup);
        // Not stoppingToken: the loop ends when the queue is completed and empty, so what was queued is written.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < MaxGroup && queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }
            await WriteAsync(group);
            group.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> group)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AuditChain>().AppendAsync(group.ConvertAll(p => p.Line), CancellationToken.None);
            group.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Writing {Count} audit lines failed; their requests fail", group.Count);
            group.ForEach(p => p.Done.TrySetException(ex));
        }
    }

    private sealed record Pending(AuditEntry Line, TaskCompletionSource Done);
}
