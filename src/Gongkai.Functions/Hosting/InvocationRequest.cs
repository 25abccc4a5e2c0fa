using System.Globalization;
using System.Text.Json;

namespace Gongkai.Functions.Hosting;

/// <summary>
/// What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger:
/// <c>{ "Data": { "&lt;binding&gt;": … }, "Metadata": { …, "sys": { "MethodName", "UtcNow", "RandGuid" } } }</c>.
/// </summary>
public sealed class InvocationRequest
{
    private readonly JsonElement _data;
    private readonly JsonElement _metadata;

    private InvocationRequest(JsonElement data, JsonElement metadata)
    {
        _data = data;
        _metadata = metadata;
    }

    /// <summary>Reads a payload; throws <see cref="InvalidInvocationException"/> when it is not the documented shape.</summary>
    public static InvocationRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInvocationException("The invocation body must be a JSON object with Data and Metadata.");
        }
        var data = Property(root, "Data");
        var metadata = Property(root, "Metadata");
        if (data is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            throw new InvalidInvocationException("The invocation's Data must be a JSON object keyed by binding name.");
        }
        if (metadata is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            throw new InvalidInvocationException("The invocation's Metadata must be a JSON object.");
        }
        return new InvocationRequest(data?.Clone() ?? default, metadata?.Clone() ?? default);
    }

    /// <summary>The value the trigger bound to <paramref name="binding"/>, or null when absent or JSON null.</summary>
    public JsonElement? Data(string binding) => Property(_data, binding) is { ValueKind: not JsonValueKind.Null } value ? value : null;

    public JsonElement? Metadata(string name) => Property(_metadata, name) is { ValueKind: not JsonValueKind.Null } value ? value : null;

    public string? MetadataString(string name) => Metadata(name) is { } value ? AsString(value) : null;

    public long? MetadataInt64(string name) => Metadata(name) is { } value ? AsInt64(value) : null;

    public DateTimeOffset? MetadataDate(string name) => Metadata(name) is { } value ? AsDate(value) : null;

    /// <summary>The <c>sys</c> block the host adds to every invocation.</summary>
    public InvocationSys Sys
    {
        get
        {
            var sys = Metadata("sys");
            return new InvocationSys(
                sys is { } s && Property(s, "MethodName") is { } method ? AsString(method) : null,
                sys is { } u && Property(u, "UtcNow") is { } now ? AsDate(now) : null,
                sys is { } g && Property(g, "RandGuid") is { } guid ? AsString(guid) : null);
        }
    }

    internal static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }
        // The host is consistent about casing, but recorded payloads from other tools are not.
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }

    internal static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    internal static long? AsInt64(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    internal static DateTimeOffset? AsDate(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}

/// <param name="MethodName">The function's name as the host knows it.</param>
/// <param name="UtcNow">When the host dispatched the invocation.</param>
/// <param name="RandGuid">A fresh id per invocation, used here as the invocation id.</param>
public sealed record InvocationSys(string? MethodName, DateTimeOffset? UtcNow, string? RandGuid);

/// <summary>The payload does not have the documented shape; the handler answers 400 and the host retries or poisons it.</summary>
public sealed class InvalidInvocationException(string message) : Exception(message);
