using System.Net;
using System.Text.Json;

namespace ChannelManager.AspNetCore.Tests;

internal static class Problem
{
    /// <summary>Asserts an RFC 7807 answer with the given status and returns its body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>Asserts a 400 validation problem naming the given fields.</summary>
    public static async Task<JsonElement> AssertFieldsAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await AssertAsync(response, HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        foreach (var f in fields)
        {
            Assert.True(errors.TryGetProperty(f, out var messages) && messages.GetArrayLength() > 0, $"no error for '{f}' in {errors}");
        }

        return body;
    }
}
