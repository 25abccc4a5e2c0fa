namespace Gongkai.Functions.Telemetry;

/// <summary>
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, as the Functions host reads it:
/// <c>Authorization=AAD</c> to send telemetry with an Entra token, and <c>ClientId=…</c> for a user-assigned identity.
/// </summary>
public sealed record AuthenticationString(bool UsesEntraId, string? ClientId)
{
    public static AuthenticationString None { get; } = new(false, null);

    /// <exception cref="FormatException">A part is not <c>key=value</c>, or the authorization is not AAD.</exception>
    public static AuthenticationString Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }
        string? authorization = null;
        string? clientId = null;
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"APPLICATIONINSIGHTS_AUTHENTICATION_STRING: '{part}' is not key=value.");
            }
            var key = part[..equals].Trim();
            var item = part[(equals + 1)..].Trim();
            if (key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                authorization = item;
            }
            else if (key.Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            {
                clientId = item.Length > 0 ? item : null;
            }
        }
        if (!string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("APPLICATIONINSIGHTS_AUTHENTICATION_STRING must contain Authorization=AAD.");
        }
        return new AuthenticationString(true, clientId);
    }
}
