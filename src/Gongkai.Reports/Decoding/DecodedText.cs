namespace Gongkai.Reports.Decoding;

/// <summary>The characters of a report and how they were obtained from its bytes.</summary>
/// <param name="Text">The decoded characters (BOM removed).</param>
/// <param name="Decoding">The encoding used and what decided it.</param>
/// <param name="IsHtml">False for plain text (a <c>.txt</c> file, <c>text/plain</c>, or no markup found).</param>
public sealed record DecodedText(string Text, DecodingInfo Decoding, bool IsHtml);
