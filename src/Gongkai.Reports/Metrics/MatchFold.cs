namespace Gongkai.Reports.Metrics;

/// <summary>
/// Folds, for matching figure labels only, the few characters the text side leaves as written because their
/// Simplified form is ambiguous in general (復/複/覆 → 复, 後 → 后, 諮/谘 → 咨, 於 → 于, 纔 → 才): in this genre's
/// vocabulary (行政復議, 答覆, 復議後起訴, 諮詢) each has one reading. Character for character, so offsets hold.
/// </summary>
internal static class MatchFold
{
    public static char Fold(char c) => c switch
    {
        '復' or '複' or '覆' => '复',
        '後' => '后',
        '諮' or '谘' => '咨',
        '於' => '于',
        '纔' => '才',
        '裏' or '裡' => '里',
        _ => c,
    };

    public static bool NeedsFold(char c) => Fold(c) != c;

    public static string Fold(string text)
    {
        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsFold(text[i]))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (var i = state.first; i < span.Length; i++)
            {
                span[i] = Fold(span[i]);
            }
        });
    }
}
