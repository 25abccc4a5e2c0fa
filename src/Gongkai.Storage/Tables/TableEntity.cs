using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Gongkai.Storage;

/// <summary>
/// A table entity: <see cref="PartitionKey"/>, <see cref="RowKey"/> and typed properties. Values are
/// <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="DateTimeOffset"/> (a <see cref="DateTime"/> is stored as UTC), <see cref="Guid"/> or <c>byte[]</c>;
/// setting null removes the property, as Table Storage has no null values.
/// The dictionary holds PartitionKey and RowKey too; <see cref="Timestamp"/> and <see cref="ETag"/> are the service's.
/// </summary>
public sealed class TableEntity : IDictionary<string, object?>, IReadOnlyDictionary<string, object?>
{
    public const string PartitionKeyName = "PartitionKey";
    public const string RowKeyName = "RowKey";
    public const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity()
        : this(string.Empty, string.Empty)
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey
    {
        get => (string)_properties[PartitionKeyName]!;
        set => _properties[PartitionKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    public string RowKey
    {
        get => (string)_properties[RowKeyName]!;
        set => _properties[RowKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>When the service last changed the entity (read-only on the service side; never sent).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's ETag as last read or written, for <c>If-Match</c>.</summary>
    public string? ETag { get; set; }

    public int Count => _properties.Count;

    public bool IsReadOnly => false;

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object?> Values => _properties.Values;

    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => _properties.Keys;

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => _properties.Values;

    /// <summary>Gets a property (null when absent) or sets one (null removes it).</summary>
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            if (value is null)
            {
                if (key is PartitionKeyName or RowKeyName)
                {
                    throw new ArgumentNullException(nameof(value), $"{key} cannot be null.");
                }

                _properties.Remove(key);
                return;
            }

            _properties[key] = Normalize(key, value);
        }
    }

    public string? GetString(string name) => this[name] switch
    {
        null => null,
        string s => s,
        var other => throw WrongType(name, other, "String"),
    };

    public int? GetInt32(string name) => this[name] switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw WrongType(name, other, "Int32"),
    };

    public long? GetInt64(string name) => this[name] switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw WrongType(name, other, "Int64"),
    };

    public double? GetDouble(string name) => this[name] switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw WrongType(name, other, "Double"),
    };

    public bool? GetBoolean(string name) => this[name] switch
    {
        null => null,
        bool b => b,
        var other => throw WrongType(name, other, "Boolean"),
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] switch
    {
        null => null,
        DateTimeOffset d => d,
        var other => throw WrongType(name, other, "DateTime"),
    };

    public Guid? GetGuid(string name) => this[name] switch
    {
        null => null,
        Guid g => g,
        var other => throw WrongType(name, other, "Guid"),
    };

    public byte[]? GetBinary(string name) => this[name] switch
    {
        null => null,
        byte[] b => b,
        var other => throw WrongType(name, other, "Binary"),
    };

    public void Add(string key, object? value)
    {
        if (_properties.ContainsKey(key) && key is not (PartitionKeyName or RowKeyName))
        {
            throw new ArgumentException($"The entity already has a property '{key}'.", nameof(key));
        }

        this[key] = value;
    }

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public bool Remove(string key)
    {
        if (key is PartitionKeyName or RowKeyName)
        {
            throw new ArgumentException($"{key} cannot be removed.", nameof(key));
        }

        return _properties.Remove(key);
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    public void Clear()
    {
        var (partitionKey, rowKey) = (PartitionKey, RowKey);
        _properties.Clear();
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    public bool Remove(KeyValuePair<string, object?> item) => Contains(item) && Remove(item.Key);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"TableEntity({PartitionKey}, {RowKey}, {Count - 2} properties)";

    private static object Normalize(string key, object value)
    {
        if (key is PartitionKeyName or RowKeyName && value is not string)
        {
            throw new ArgumentException($"{key} must be a string.", nameof(value));
        }

        if (key.Length == 0 || key.Length > 255)
        {
            throw new ArgumentException("A table property name has 1 to 255 characters.", nameof(key));
        }

        return value switch
        {
            string or int or long or double or bool or Guid or byte[] => value,
            DateTimeOffset d => d.ToUniversalTime(),
            DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()),
            float f => (double)f,
            short s => (int)s,
            byte b => (int)b,
            _ => throw new ArgumentException($"Property '{key}' has a {value.GetType().Name}; table values are string, int, long, double, bool, DateTimeOffset, Guid or byte[].", nameof(value)),
        };
    }

    private static InvalidOperationException WrongType(string name, object value, string wanted) =>
        new($"Property '{name}' is a {value.GetType().Name}, not {wanted}.");
}
