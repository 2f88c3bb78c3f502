namespace ChannelManager.Simulator.Google;

/// <summary>Settings of the simulated Google Hotel Center / Vacation Rentals.</summary>
public sealed class GoogleSimulatorOptions
{
    /// <summary>The partner key ARI messages must carry in <c>POS/Source/RequestorID/@ID</c>; any non-empty one when unset.</summary>
    public string? PartnerKey { get; set; }

    /// <summary>The service account (<c>iss</c> of token assertions) the token endpoint accepts; any when unset.</summary>
    public string? ServiceAccountEmail { get; set; }

    /// <summary>The service account's public key (PEM); when set, assertions must be signed with its private key (RS256).</summary>
    public string? ServiceAccountPublicKeyPem { get; set; }

    /// <summary>How long an access token is valid (<c>expires_in</c>). Default 1 hour, Google's.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether ARI and Travel Partner calls need <c>Authorization: Bearer</c> an issued access token. Default true.</summary>
    public bool RequireAccessToken { get; set; } = true;

    /// <summary>The Hotel Center account the Travel Partner API serves; any when unset.</summary>
    public string? AccountId { get; set; }

    /// <summary>The <c>email</c> of the Pub/Sub push tokens the simulator signs (the push subscription's service account).</summary>
    public string PubSubServiceAccountEmail { get; set; } = "pubsub-push@sim-project.iam.gserviceaccount.com";

    /// <summary>The RSA private key (PEM) that signs Pub/Sub push tokens; a new one is generated at start when unset. Its public half is served as JWKS.</summary>
    public string? PubSubSigningKeyPem { get; set; }

    /// <summary>The <c>kid</c> of the Pub/Sub signing key.</summary>
    public string PubSubKeyId { get; set; } = "sim-pubsub-key-1";

    /// <summary>The <c>iss</c> of Pub/Sub push tokens. Default <c>https://accounts.google.com</c>.</summary>
    public string PubSubIssuer { get; set; } = "https://accounts.google.com";
}
