using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Write;

namespace OpenQuizz.Typed;

// Creating, dropping and renaming the collections of a database, and dropping the database (for MongoClient).
public sealed partial class MongoDatabase
{
    /// <summary>Creates a collection (or, with <see cref="CreateCollectionOptions.ViewOn"/>, a view) explicitly.</summary>
    /// <exception cref="MongoCommandException">It exists already (code 48, <c>NamespaceExists</c>) or an option is invalid.</exception>
    public Task CreateCollectionAsync(string name, CreateCollectionOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateCollectionCore(async: true, name, options, cancellationToken).AsTask();

    /// <inheritdoc cref="CreateCollectionAsync"/>
    public void CreateCollection(string name, CreateCollectionOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(CreateCollectionCore(async: false, name, options, cancellationToken));

    /// <summary>Drops a collection and its indexes; dropping a missing collection succeeds.</summary>
    public Task DropCollectionAsync(string name, WriteOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        DropCollectionCore(async: true, name, options, cancellationToken).AsTask();

    /// <inheritdoc cref="DropCollectionAsync"/>
    public void DropCollection(string name, WriteOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(DropCollectionCore(async: false, name, options, cancellationToken));

    /// <summary>Renames a collection of this database (<c>renameCollection</c> on admin).</summary>
    /// <exception cref="MongoCommandException">The source is missing, or the target exists and <see cref="RenameCollectionOptions.DropTarget"/> is not set.</exception>
    public Task RenameCollectionAsync(string oldName, string newName, RenameCollectionOptions? options = null, CancellationToken cancellationToken = default) =>
        RenameCollectionCore(async: true, oldName, newName, options, cancellationToken).AsTask();

    /// <inheritdoc cref="RenameCollectionAsync"/>
    public void RenameCollection(string oldName, string newName, RenameCollectionOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(RenameCollectionCore(async: false, oldName, newName, options, cancellationToken));

    internal OperationSettings AdminWriteSettings(WriteOperationOptions? options) => new() { WriteConcern = options?.WriteConcern ?? WriteConcern };

    internal async ValueTask<bool> DropCollectionCore(bool async, string name, WriteOperationOptions? options, CancellationToken cancellationToken)
    {
        MongoCollectionNames.Validate(Name, name);
        try
        {
            await Executor.Run(async, new DropCollectionOperation(Name, name, options?.Comment), AdminWriteSettings(options), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoCommandException e) when (e.Code == DropCollectionOperation.NamespaceNotFound)
        {
            return false;
        }
    }

    internal async ValueTask<bool> RenameCollectionCore(bool async, string oldName, string newName, RenameCollectionOptions? options, CancellationToken cancellationToken)
    {
        MongoCollectionNames.Validate(Name, oldName);
        MongoCollectionNames.Validate(Name, newName);
        await Executor.Run(async, new RenameCollectionOperation(Name, oldName, newName, options?.DropTarget, options?.Comment), AdminWriteSettings(options), cancellationToken).ConfigureAwait(false);
        return true;
    }

    internal async ValueTask<bool> DropDatabaseCore(bool async, WriteOperationOptions? options, CancellationToken cancellationToken)
    {
        await Executor.Run(async, new DropDatabaseOperation(Name, options?.Comment), AdminWriteSettings(options), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<bool> CreateCollectionCore(bool async, string name, CreateCollectionOptions? options, CancellationToken cancellationToken)
    {
        MongoCollectionNames.Validate(Name, name);
        await Executor.Run(async, new CreateCollectionOperation(Name, name, options), AdminWriteSettings(options), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
