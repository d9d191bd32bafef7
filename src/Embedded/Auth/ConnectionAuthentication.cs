namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// The authentication state of one connection: who is authenticated and the SASL conversation in progress.
/// A connection executes one request at a time, so no locking is needed.
/// </summary>
internal sealed class ConnectionAuthentication
{
    private readonly List<(string Database, string Name)> _users = [];
    private int _lastConversationId;

    /// <summary>The users authenticated on this connection (by database and name; roles are read from the store each time).</summary>
    public IReadOnlyList<(string Database, string Name)> Users => _users;

    public ScramServerConversation? Conversation { get; private set; }

    public int ConversationId { get; private set; }

    public int BeginConversation(ScramServerConversation conversation)
    {
        Conversation = conversation;
        ConversationId = ++_lastConversationId;
        return ConversationId;
    }

    public void EndConversation()
    {
        Conversation = null;
        ConversationId = 0;
    }

    /// <summary>Records a successful authentication; authenticating again on the same database replaces that user.</summary>
    public void Authenticated(StoredUser user)
    {
        _users.RemoveAll(u => u.Database == user.Database);
        _users.Add((user.Database, user.Name));
    }

    public void LogOut(string database) => _users.RemoveAll(u => u.Database == database);
}
