namespace ChannelManager.AspNetCore.Contracts;

/// <summary>An overbooking conflict on the wire.</summary>
internal sealed record ConflictResponse(
    Guid Id,
    Guid PropertyId,
    string BookingId,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Units,
    string? Source,
    Guid? SourceConnectionId,
    string? ConfirmationCode,
    string Status,
    DateTimeOffset DetectedAt,
    DateTimeOffset? ResolvedAt,
    string? Resolution);

/// <summary>A page of conflicts.</summary>
internal sealed record ConflictListResponse(IReadOnlyList<ConflictResponse> Items, int Total, int Limit, int Offset, string? NextCursor);

/// <summary>The body of <c>POST /conflicts/{id}/resolve</c>.</summary>
internal sealed record ResolveConflictRequest(string? Resolution);
