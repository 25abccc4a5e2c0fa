namespace Gongkai.Harvest.Portals;

/// <summary>The configured portals, validated.</summary>
public sealed class PortalCatalog
{
    private readonly Dictionary<string, PortalDefinition> _byId;

    /// <summary>Creates a catalog over validated definitions.</summary>
    public PortalCatalog(IReadOnlyList<PortalDefinition> portals)
    {
        ArgumentNullException.ThrowIfNull(portals);
        Portals = portals;
        _byId = new Dictionary<string, PortalDefinition>(StringComparer.Ordinal);
        foreach (var portal in portals)
        {
            if (!_byId.TryAdd(portal.Id, portal))
            {
                throw new PortalConfigurationException($"portal '{portal.Id}' is defined twice.");
            }
        }
    }

    /// <summary>The portals in file order.</summary>
    public IReadOnlyList<PortalDefinition> Portals { get; }

    /// <summary>The portal with this id, or null.</summary>
    public PortalDefinition? Find(string id) => _byId.GetValueOrDefault(id);
}
