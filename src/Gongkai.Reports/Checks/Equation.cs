namespace Gongkai.Reports.Checks;

/// <summary>A rule a report's figures must satisfy: the figures on the left add up to those on the right.</summary>
/// <param name="Code">The problem code reported when the rule fails.</param>
/// <param name="Description">The rule in the table's own words, for messages and recovery notes.</param>
internal sealed record Equation(string Code, string Description, IReadOnlyList<string> Left, IReadOnlyList<string> Right)
{
    public IReadOnlyList<string> Keys { get; } = [.. Left, .. Right];
}
