namespace Gongkai.Harvest.Portals;

/// <summary>A portals file that cannot be used: names the file, the entry and the reason.</summary>
public sealed class PortalConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PortalConfigurationException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
