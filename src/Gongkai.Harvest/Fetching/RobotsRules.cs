using System.Text;

namespace Gongkai.Harvest.Fetching;

/// <summary>The robots.txt rules (RFC 9309) that apply to Gongkai on one host.</summary>
public sealed class RobotsRules
{
    private readonly IReadOnlyList<(string Pattern, bool Allow)> _rules;

    private RobotsRules(IReadOnlyList<(string, bool)> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    /// <summary>Everything allowed (no robots.txt, or a 4xx for it).</summary>
    public static RobotsRules AllowAll { get; } = new([], null);

    /// <summary>Everything disallowed (robots.txt unreachable: RFC 9309 says assume complete disallow).</summary>
    public static RobotsRules DisallowAll { get; } = new([("/", false)], null);

    /// <summary>The <c>Crawl-delay</c> of the group that applies, if any.</summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>Parses robots.txt for the product token <paramref name="userAgent"/> (e.g. "gongkai"), falling back to the <c>*</c> group.</summary>
    public static RobotsRules Parse(string text, string userAgent)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<Group>();
        Group? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                if (current is null || !lastWasAgent)
                {
                    current = new Group();
                    groups.Add(current);
                }

                current.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }

            lastWasAgent = false;
            if (current is null)
            {
                continue;
            }

            switch (key)
            {
                case "allow" when value.Length > 0:
                    current.Rules.Add((value, true));
                    break;
                case "disallow" when value.Length > 0:
                    current.Rules.Add((value, false));
                    break;
                case "crawl-delay" when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 86_400:
                    current.Delay = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }

        var token = userAgent.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (mine.Count == 0)
        {
            mine = groups.Where(g => g.Agents.Contains("*")).ToList();
        }

        return new RobotsRules(mine.SelectMany(g => g.Rules).ToList(), mine.Select(g => g.Delay).FirstOrDefault(d => d is not null));
    }

    private sealed class Group
    {
        public List<string> Agents { get; } = [];

        public List<(string, bool)> Rules { get; } = [];

        public TimeSpan? Delay { get; set; }
    }

    /// <summary>Whether the path (with query) may be fetched: the longest matching rule wins, Allow on ties.</summary>
    public bool IsAllowed(string pathAndQuery)
    {
        var bestLength = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (Matches(pattern, pathAndQuery) && (pattern.Length > bestLength || (pattern.Length == bestLength && allow)))
            {
                bestLength = pattern.Length;
                allowed = allow;
            }
        }

        return allowed;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        return Match(body, 0, path, 0, anchored);
    }

    private static bool Match(string pattern, int pi, string path, int si, bool anchored)
    {
        while (pi < pattern.Length)
        {
            if (pattern[pi] == '*')
            {
                for (var k = si; k <= path.Length; k++)
                {
                    if (Match(pattern, pi + 1, path, k, anchored))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (si >= path.Length || !SameChar(pattern, pi, path, si))
            {
                return false;
            }

            pi++;
            si++;
        }

        return !anchored || si == path.Length;
    }

    // robots.txt paths may be percent-encoded or not; compare case-sensitively as the RFC asks.
    private static bool SameChar(string pattern, int pi, string path, int si) => pattern[pi] == path[si];

    /// <summary>Decodes robots.txt bytes (UTF-8, as RFC 9309 requires).</summary>
    internal static string Decode(byte[] body) => Encoding.UTF8.GetString(body);
}
