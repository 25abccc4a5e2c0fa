using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using static Gongkai.Functions.Api.ApiProblem;

namespace Gongkai.Functions.Api;

/// <summary>
/// The opaque <c>continuation</c> value: the table continuation, bound to the query that produced it so that a token
/// replayed with other filters is rejected instead of silently skipping rows.
/// </summary>
public static class ContinuationToken
{
    /// <param name="next">The table SDK's continuation token (<c>Page.ContinuationToken</c>), null on the last page.</param>
    /// <param name="position">How many items earlier pages returned (rankings number their rows from it).</param>
    public static string? Create(string? next, string query, int position = 0) =>
        next is null ? null : WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
            Fingerprint(query) + "." + position.ToString(CultureInfo.InvariantCulture) + "." + next));

    public static Resume Parse(string? token, string query)
    {
        if (token is null)
        {
            return new Resume(null, 0);
        }
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)).Split('.', 3);
            if (parts.Length == 3 && parts[0] == Fingerprint(query) && parts[2].Length > 0
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return new Resume(parts[2], position);
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Falls through to the error below: a token that does not decode is as bad as one for another query.
        }
        throw new BadParameterException("continuation", "continuation is not a token this query returned; repeat the query without it.");
    }

    private static string Fingerprint(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)))[..12];
}

public sealed record Resume(string? Continuation, int Position);
