using Microsoft.Extensions.Hosting;

namespace Gongkai.Functions.LocalHost;

internal static class HostStarted
{
    /// <summary>Background services start before the app has started; the drivers wait for it, so a failed start runs nothing.</summary>
    public static Task WaitAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }
}
