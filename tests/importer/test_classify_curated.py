"""A curated units.yaml is extended with each new name once, whatever its width."""
from taskplan.importer.classify import UNCLASSIFIED, UnitBook
from taskplan.model.records import Registry, Unit


def test_curated_registry_adds_each_new_name_once():
    book = UnitBook(Registry(units=[Unit(name="财政局", aliases=["财政"])]), curated=True, city=None)
    for name in ("财政", "新单位（甲）", "新单位(甲)", "其他", "财政局"):
        book.note(name)
    registry, added, unclassified = book.build()
    assert added == ["新单位（甲）", "其他"]
    assert unclassified == ["新单位（甲）", "其他"]
    assert [(u.name, u.kind) for u in registry.units] == [
        ("财政局", "未分类"), ("新单位（甲）", UNCLASSIFIED), ("其他", UNCLASSIFIED)]
