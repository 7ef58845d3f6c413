using System.Threading.Channels;

namespace Pana.Features.Audit;

/// <summary>Seals new audit entries in the background, woken after every save that wrote some.</summary>
public sealed class AuditSealing(IServiceScopeFactory scopes, ILogger<AuditSealing> log) : BackgroundService
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                try
                {
                    await wake.Reader.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // A periodic pass catches entries written by another instance.
                }
            }
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AuditChain>().SealPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Sealing the audit chain failed; it is retried on the next pass");
            }
        }
    }
}
