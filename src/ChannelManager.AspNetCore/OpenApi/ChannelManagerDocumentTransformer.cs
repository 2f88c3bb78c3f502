using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChannelManager.AspNetCore.OpenApi;

/// <summary>The document-wide parts: the API's conventions and a description of each of ChannelManager's tags.</summary>
internal sealed class ChannelManagerDocumentTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The conventions every ChannelManager route follows.</summary>
    public const string Conventions =
        "ChannelManager keeps a PMS's availability, prices, restrictions and bookings in sync with the booking platforms. "
        + "Bodies are JSON with snake_case names; every error is an RFC 7807 problem (application/problem+json; a 400 lists the invalid fields under errors) "
        + "and changes nothing. Lists page with limit and offset, or with the next_cursor of the previous page. "
        + "The management routes act for the caller's tenant only: another tenant's ids answer 404. "
        + "Webhooks, feeds and the webhook health are anonymous to the host's authentication; each platform's own scheme (signature, Basic, JWT) is described on its route.";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Channel connections"] = "A property's listing on one platform: create, list, update, delete, test its health, trigger a sync and read its sync logs.",
        ["Dead letters"] = "Events the bus gave up on after its retries; replay them once the cause is fixed.",
        ["Conflicts"] = "Overbookings: bookings imported onto nights that had no unit left, to be resolved by a person.",
        ["Unmapped reservations"] = "Bookings for listings no connection maps, attributed to the caller's tenant.",
        ["Operations: unmapped reservations"] = "The host's operators: unmapped reservations of every tenant, including those nobody can be attributed to.",
        ["Webhooks"] = "Platforms' notifications (each authenticated by the platform's own scheme) and their readiness.",
        ["iCal feeds"] = "RFC 5545 export feeds that other calendars import; the token in the URL is the authentication.",
        ["FeWo-direkt feeds"] = "The partner-hosted XML feeds Vrbo / FeWo-direkt pulls, behind HTTP Basic with the credentials issued to Vrbo.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Description ??= Conventions;

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations ?? []).Select(o => o.Value))
        {
            foreach (var tag in operation.Tags ?? new HashSet<OpenApiTagReference>())
            {
                if (tag.Name is { } name)
                {
                    used.Add(name);
                }
            }
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in TagDescriptions.Where(t => used.Contains(t.Key)))
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description ??= description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        return Task.CompletedTask;
    }
}
