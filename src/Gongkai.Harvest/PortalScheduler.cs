using Gongkai.Harvest.Portals;
using Gongkai.Harvest.Stores;
using Microsoft.Extensions.Options;

namespace Gongkai.Harvest;

/// <summary>Answers the timer's question: which portals are due for a harvest now.</summary>
public sealed class PortalScheduler
{
    private readonly PortalCatalog _catalog;
    private readonly HarvestRunLog _runs;
    private readonly StoreInitializer _initializer;
    private readonly HarvestOptions _options;

    /// <summary>Creates the scheduler.</summary>
    public PortalScheduler(PortalCatalog catalog, HarvestRunLog runs, StoreInitializer initializer, IOptions<HarvestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _runs = runs;
        _initializer = initializer;
        _options = options.Value;
    }

    /// <summary>
    /// Portals with no completed run yet, or whose last completed run finished more than <see cref="HarvestOptions.RefreshInterval"/>
    /// before <paramref name="now"/>, in catalog order.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetDuePortalsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _initializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<string>();
        foreach (var portal in _catalog.Portals)
        {
            var last = await _runs.LastCompletedAsync(portal.Id, cancellationToken).ConfigureAwait(false);
            if (last is null || now - last.Value >= _options.RefreshInterval)
            {
                due.Add(portal.Id);
            }
        }

        return due;
    }
}
