namespace ChannelManager.Testing;

/// <summary>Fixed token-encryption keys (base64, 256-bit) for test hosts on the PostgreSQL store.</summary>
public static class TestTokenKeys
{
    /// <summary>The key test hosts encrypt tokens with.</summary>
    public const string Current = "5lAXGO8aDS8pRr9tvfCr79Ozq1WhT23J4rF4aJ1zVfI=";

    /// <summary>A second key, for rotation tests.</summary>
    public const string Next = "9s7hGnxkqczZCIbQWRML8naoApVoMnkSwcilwFb+Vlo=";
}
