namespace ChannelManager.Adapters.Expedia.Api;

/// <summary>An EQC <c>&lt;Error code&gt;</c> or <c>&lt;Warning code&gt;</c> with its text.</summary>
internal sealed record EqcIssue(string? Code, string Text)
{
    /// <summary>"Connection refused": Expedia is at capacity; enter retry mode (platforms.md §3).</summary>
    public const string CapacityCode = "3210";

    /// <summary>ASSUMED: the EQC authentication error (wrong user name or password).</summary>
    public const string AuthenticationCode = "1001";

    /// <summary>ASSUMED: the EQC authorization error (the user has no access to the property).</summary>
    public const string AuthorizationCode = "1002";

    public override string ToString() => Code is null ? Text : $"[{Code}] {Text}";
}
