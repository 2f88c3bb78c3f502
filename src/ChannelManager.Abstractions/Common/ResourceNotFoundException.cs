namespace ChannelManager.Common;

/// <summary>Raised when a resource does not exist for the caller's tenant (or was soft-deleted). Maps to HTTP 404.</summary>
public sealed class ResourceNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="resource">The kind of resource, e.g. <c>channel connection</c>.</param>
    /// <param name="id">The id that was looked up.</param>
    public ResourceNotFoundException(string resource, string id)
        : base($"No {resource} with id '{id}' exists.")
    {
        Resource = resource;
        Id = id;
    }

    /// <summary>The kind of resource.</summary>
    public string Resource { get; }

    /// <summary>The id that was looked up.</summary>
    public string Id { get; }
}
