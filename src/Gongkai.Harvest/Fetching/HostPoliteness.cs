using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Gongkai.Harvest.Fetching;

/// <summary>
/// Per-host politeness shared by every harvest in the process: at most N requests in flight per host
/// (a <see cref="ConcurrencyLimiter"/> per host) and a minimum gap between requests to one host; different hosts
/// proceed in parallel.
/// </summary>
public sealed class HostPoliteness : IDisposable
{
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the gate.</summary>
    public HostPoliteness(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>
    /// Waits for a turn at <paramref name="host"/>. The returned lease must be disposed when the response has been
    /// read; with one request per host the next turn starts <paramref name="delay"/> after that, otherwise after the last start.
    /// </summary>
    public async ValueTask<IDisposable> EnterAsync(string host, int concurrency, TimeSpan delay, CancellationToken cancellationToken)
    {
        var slot = _hosts.GetOrAdd(host, static (_, c) => new HostSlot(c), concurrency);
        var lease = await slot.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"the politeness queue for {host} is full");
        }

        try
        {
            DateTimeOffset start;
            lock (slot)
            {
                var now = _time.GetUtcNow();
                start = slot.NotBefore > now ? slot.NotBefore : now;
                slot.NotBefore = start + delay;
            }

            // Timers run on a coarse clock (4 ms on Linux) and may fire early: wait until the turn has really come.
            TimeSpan wait;
            while ((wait = start - _time.GetUtcNow()) > TimeSpan.Zero)
            {
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        return new Turn(this, slot, lease, delay);
    }

    /// <summary>Pushes the host's next turn to at least <paramref name="delay"/> from now (e.g. once robots.txt names a Crawl-delay).</summary>
    public void Defer(string host, TimeSpan delay)
    {
        if (_hosts.TryGetValue(host, out var slot))
        {
            lock (slot)
            {
                var next = _time.GetUtcNow() + delay;
                if (next > slot.NotBefore)
                {
                    slot.NotBefore = next;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var slot in _hosts.Values)
        {
            slot.Limiter.Dispose();
        }
    }

    private void Leave(HostSlot slot, TimeSpan delay)
    {
        if (slot.Concurrency == 1)
        {
            lock (slot)
            {
                var next = _time.GetUtcNow() + delay;
                if (next > slot.NotBefore)
                {
                    slot.NotBefore = next;
                }
            }
        }
    }

    private sealed class HostSlot(int concurrency)
    {
        public int Concurrency { get; } = concurrency;

        public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions
        {
            PermitLimit = concurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        public DateTimeOffset NotBefore { get; set; }
    }

    private sealed class Turn(HostPoliteness owner, HostSlot slot, RateLimitLease lease, TimeSpan delay) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(slot, delay);
                lease.Dispose();
            }
        }
    }
}
