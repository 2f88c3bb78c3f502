using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace ChannelManager.AspNetCore.OpenApi;

/// <summary>
/// Per operation: the request body of <see cref="RequestBodyDescription"/> metadata, 401 and 403 problem responses
/// where the host secures the endpoint, the GUID format of ids, and the examples of <see cref="ChannelManagerOpenApiExamples"/>.
/// </summary>
internal sealed class ChannelManagerOperationTransformer : IOpenApiOperationTransformer
{
    private const string ProblemContentType = "application/problem+json";

    /// <summary>Endpoints whose <c>{id}</c> is not a GUID (a dead letter's id is the bus's message id).</summary>
    private static readonly HashSet<string> NonGuidIds = new(StringComparer.Ordinal) { "ReplayDeadLetter" };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        operation.Responses ??= [];
        if (metadata.OfType<RequestBodyDescription>().LastOrDefault() is { } body)
        {
            var schema = await SchemaAsync(body.BodyType, context, cancellationToken).ConfigureAwait(false);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required,
                Content = body.ContentTypes.ToDictionary(c => c, _ => new OpenApiMediaType { Schema = schema }, StringComparer.Ordinal),
            };
        }

        if (EndpointAuthorization.IsRequired(metadata))
        {
            var problem = await SchemaAsync(typeof(ProblemDetails), context, cancellationToken).ConfigureAwait(false);
            AddProblem(operation, StatusCodes.Status401Unauthorized, "Unauthorized: no valid credentials (the host's authentication scheme).", problem);
            AddProblem(operation, StatusCodes.Status403Forbidden, "Forbidden: the credentials do not allow this route.", problem);
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter is { In: ParameterLocation.Path, Name: "id", Schema: OpenApiSchema schema } && (name is null || !NonGuidIds.Contains(name)))
            {
                schema.Format ??= "uuid";
                parameter.Description ??= "The record's id (a GUID); an unknown or malformed id, and another tenant's, answer 404.";
            }
        }

        if (name is not null && ChannelManagerOpenApiExamples.For(name) is { } examples)
        {
            AddExamples(operation, examples);
        }
    }

    /// <summary>A type's schema: for an object type, a reference to the document's component (added when missing), as the generator does.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken).ConfigureAwait(false);
        if (context.Document is not { } document || type == typeof(string) || type.IsPrimitive || type.IsGenericType)
        {
            return schema;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas.TryAdd(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, document);
    }

    private static void AddProblem(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [ProblemContentType] = new OpenApiMediaType { Schema = schema } },
        };
    }

    private static void AddExamples(OpenApiOperation operation, OperationExamples examples)
    {
        if (examples.Request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Where(c => c.Key.Contains("json", StringComparison.Ordinal)).Select(c => c.Value))
            {
                AddExample(media, examples.Summary, examples.Request);
            }
        }

        foreach (var (status, json) in examples.Responses)
        {
            if (operation.Responses!.TryGetValue(status, out var response) && response.Content is { } content)
            {
                // A problem's example is named by its title; a success's by what the operation's example shows.
                var body = JsonNode.Parse(json);
                var summary = status.StartsWith('4') || status.StartsWith('5') ? body?["title"]?.GetValue<string>() ?? examples.Summary : examples.Summary;
                foreach (var media in content.Where(c => c.Key.Contains("json", StringComparison.Ordinal)).Select(c => c.Value))
                {
                    AddExample(media, summary, json);
                }
            }
        }
    }

    private static void AddExample(OpenApiMediaType media, string summary, string json)
    {
        media.Examples ??= new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
        media.Examples["reference"] = new OpenApiExample { Summary = summary, Value = JsonNode.Parse(json) };
    }
}
