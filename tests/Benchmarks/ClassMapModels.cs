using MongoDB.Bson.Serialization.Attributes;

namespace OpenQuizz.Typed.Benchmarks;

// Twins of the ODM models without [MongoDocument]: MongoDB.Bson maps them with its reflection-built class map, the baseline
// the generated codecs are measured against. Element names are spelled out as the generated models derive them.

/// <summary>The class-map twin of <see cref="SmallFlatModel"/>.</summary>
public sealed class ClassMapSmallFlatModel
{
    [BsonElement("field1")] public string Field1 { get; set; } = "";
    [BsonElement("field2")] public string Field2 { get; set; } = "";
    [BsonElement("field3")] public string Field3 { get; set; } = "";
    [BsonElement("field4")] public string Field4 { get; set; } = "";
    [BsonElement("field5")] public string Field5 { get; set; } = "";
    [BsonElement("field6")] public string Field6 { get; set; } = "";
    [BsonElement("field7")] public string Field7 { get; set; } = "";
    [BsonElement("field8")] public int Field8 { get; set; }
    [BsonElement("field9")] public int Field9 { get; set; }
    [BsonElement("field10")] public int Field10 { get; set; }
    [BsonElement("field11")] public int Field11 { get; set; }
    [BsonElement("field12")] public int Field12 { get; set; }
    [BsonElement("field13")] public int Field13 { get; set; }
}

/// <summary>The class-map twin of <see cref="StringEmbeddedModel"/>.</summary>
public sealed class ClassMapStringEmbeddedModel
{
    [BsonElement("field1")] public string Field1 { get; set; } = "";
    [BsonElement("field2")] public string Field2 { get; set; } = "";
    [BsonElement("field3")] public string Field3 { get; set; } = "";
    [BsonElement("field4")] public string Field4 { get; set; } = "";
    [BsonElement("field5")] public string Field5 { get; set; } = "";
    [BsonElement("field6")] public string Field6 { get; set; } = "";
    [BsonElement("field7")] public string Field7 { get; set; } = "";
    [BsonElement("field8")] public string Field8 { get; set; } = "";
    [BsonElement("field9")] public string Field9 { get; set; } = "";
    [BsonElement("field10")] public string Field10 { get; set; } = "";
    [BsonElement("field11")] public string Field11 { get; set; } = "";
    [BsonElement("field12")] public string Field12 { get; set; } = "";
    [BsonElement("field13")] public string Field13 { get; set; } = "";
    [BsonElement("field14")] public string Field14 { get; set; } = "";
    [BsonElement("field15")] public string Field15 { get; set; } = "";
}

/// <summary>The class-map twin of <see cref="IntegerEmbeddedModel"/>.</summary>
public sealed class ClassMapIntegerEmbeddedModel
{
    [BsonElement("field1")] public int Field1 { get; set; }
    [BsonElement("field2")] public int Field2 { get; set; }
    [BsonElement("field3")] public int Field3 { get; set; }
    [BsonElement("field4")] public int Field4 { get; set; }
    [BsonElement("field5")] public int Field5 { get; set; }
    [BsonElement("field6")] public int Field6 { get; set; }
    [BsonElement("field7")] public int Field7 { get; set; }
    [BsonElement("field8")] public int Field8 { get; set; }
    [BsonElement("field9")] public int Field9 { get; set; }
    [BsonElement("field10")] public int Field10 { get; set; }
    [BsonElement("field11")] public int Field11 { get; set; }
    [BsonElement("field12")] public int Field12 { get; set; }
    [BsonElement("field13")] public int Field13 { get; set; }
    [BsonElement("field14")] public int Field14 { get; set; }
    [BsonElement("field15")] public int Field15 { get; set; }
}

/// <summary>The class-map twin of <see cref="LargeNestedModel"/>.</summary>
public sealed class ClassMapLargeNestedModel
{
    [BsonElement("embedded_str_doc_1")] public ClassMapStringEmbeddedModel EmbeddedStrDoc1 { get; set; } = new();
    [BsonElement("embedded_str_doc_2")] public ClassMapStringEmbeddedModel EmbeddedStrDoc2 { get; set; } = new();
    [BsonElement("embedded_str_doc_3")] public ClassMapStringEmbeddedModel EmbeddedStrDoc3 { get; set; } = new();
    [BsonElement("embedded_str_doc_4")] public ClassMapStringEmbeddedModel EmbeddedStrDoc4 { get; set; } = new();
    [BsonElement("embedded_str_doc_5")] public ClassMapStringEmbeddedModel EmbeddedStrDoc5 { get; set; } = new();
    [BsonElement("embedded_str_doc_array")] public List<ClassMapStringEmbeddedModel> EmbeddedStrDocArray { get; set; } = [];
    [BsonElement("embedded_int_doc_8")] public ClassMapIntegerEmbeddedModel EmbeddedIntDoc8 { get; set; } = new();
    [BsonElement("embedded_int_doc_9")] public ClassMapIntegerEmbeddedModel EmbeddedIntDoc9 { get; set; } = new();
    [BsonElement("embedded_int_doc_10")] public ClassMapIntegerEmbeddedModel EmbeddedIntDoc10 { get; set; } = new();
    [BsonElement("embedded_int_doc_11")] public ClassMapIntegerEmbeddedModel EmbeddedIntDoc11 { get; set; } = new();
    [BsonElement("embedded_int_doc_12")] public ClassMapIntegerEmbeddedModel EmbeddedIntDoc12 { get; set; } = new();
    [BsonElement("embedded_int_doc_13")] public ClassMapIntegerEmbeddedModel EmbeddedIntDoc13 { get; set; } = new();
    [BsonElement("embedded_int_doc_14")] public ClassMapIntegerEmbeddedModel EmbeddedIntDoc14 { get; set; } = new();
}
