using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>A BSON array: an ordered list of values.</summary>
internal sealed class BsonArray : BsonValue, IList<BsonValue>, IReadOnlyList<BsonValue>
{
    private readonly List<BsonValue> _values;

    public BsonArray() => _values = [];

    public BsonArray(int capacity) => _values = new List<BsonValue>(capacity);

    public BsonArray(IEnumerable<BsonValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [];
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public override BsonType BsonType => BsonType.Array;

    public int Count => _values.Count;

    bool ICollection<BsonValue>.IsReadOnly => false;

    public override BsonValue this[int index]
    {
        get => _values[index];
        set => _values[index] = OrNull(value);
    }

    BsonValue IList<BsonValue>.this[int index]
    {
        get => _values[index];
        set => Set(index, value);
    }

    BsonValue IReadOnlyList<BsonValue>.this[int index] => _values[index];

    /// <summary>Replaces the value at <paramref name="index"/>; null stores BSON null.</summary>
    public BsonArray Set(int index, BsonValue? value)
    {
        _values[index] = OrNull(value);
        return this;
    }

    /// <summary>Appends a value; null appends BSON null.</summary>
    public void Add(BsonValue? value) => _values.Add(OrNull(value));

    public BsonArray AddRange(IEnumerable<BsonValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Add(value);
        }

        return this;
    }

    public void Insert(int index, BsonValue? item) => _values.Insert(index, OrNull(item));

    public void RemoveAt(int index) => _values.RemoveAt(index);

    public bool Remove(BsonValue item) => _values.Remove(item);

    public void Clear() => _values.Clear();

    public bool Contains(BsonValue item) => _values.Contains(item);

    public int IndexOf(BsonValue item) => _values.IndexOf(item);

    public void CopyTo(BsonValue[] array, int arrayIndex) => _values.CopyTo(array, arrayIndex);

    public List<BsonValue>.Enumerator GetEnumerator() => _values.GetEnumerator();

    IEnumerator<BsonValue> IEnumerable<BsonValue>.GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    public override BsonValue DeepClone()
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var clone = new BsonArray(_values.Count);
        foreach (var value in _values)
        {
            clone._values.Add(value.DeepClone());
        }

        return clone;
    }

    public override bool Equals([NotNullWhen(true)] BsonValue? other)
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not BsonArray array || array.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _values.Count; i++)
        {
            if (!_values[i].Equals(array._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var hash = new HashCode();
        hash.Add(BsonType);
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    internal void AddUnchecked(BsonValue value) => _values.Add(value);
}
