using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Json;

namespace Gongkai.Functions.Api;

/// <summary>The API's JSON: Chinese written as it is (not \u-escaped), nulls left out.</summary>
public static class ApiJson
{
    public static void Configure(JsonOptions json)
    {
        json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
