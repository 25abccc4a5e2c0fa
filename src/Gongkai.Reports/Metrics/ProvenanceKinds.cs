namespace Gongkai.Reports;

/// <summary>The values of <see cref="MetricProvenance.Kind"/>.</summary>
public static class ProvenanceKinds
{
    /// <summary>Read from a table cell.</summary>
    public const string Table = "table";

    /// <summary>Read from a phrase in the running text.</summary>
    public const string Sentence = "sentence";

    /// <summary>A damaged figure worked out from the figures around it.</summary>
    public const string Recovered = "recovered";

    /// <summary>Not written as such but the sum of written figures (a 表三 group without a total row, 诉讼 groups summed).</summary>
    public const string Derived = "derived";
}
