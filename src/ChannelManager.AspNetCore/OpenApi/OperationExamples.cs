namespace ChannelManager.AspNetCore.OpenApi;

/// <summary>An operation's examples: its request body's and its answers' by status code (raw JSON).</summary>
/// <param name="Summary">What the example shows.</param>
/// <param name="Request">The request body, or <see langword="null"/>.</param>
/// <param name="Responses">The answers by status code ("200", "201", "400" …).</param>
internal sealed record OperationExamples(string Summary, string? Request, IReadOnlyDictionary<string, string> Responses);
