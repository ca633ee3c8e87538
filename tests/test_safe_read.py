"""Reading a path never blocks and never reads without end, whatever the path is."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.safe_read import read_head, read_text, read_whole
from aws_config_ls.resolution.environment import read_key_value_file
from aws_config_ls.workspace import read_model


@pytest.fixture
def fifo(tmp_path: Path) -> str:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return str(path)


def test_a_regular_file_is_read_whole_or_by_its_head(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"#!/bin/sh\necho hi\n")
    assert read_whole(str(path)).data == b"#!/bin/sh\necho hi\n"
    assert read_head(str(path), 4).data == b"#!/b"


@pytest.mark.parametrize("reader", [read_whole, lambda p: read_head(p, 256)])
def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo: str, reader: object) -> None:
    read = reader(fifo)  # type: ignore[operator]
    assert read.data is None and read.not_regular == "a FIFO (named pipe)"
    assert "FIFO" in read.error and fifo in read.error


def test_a_device_and_a_directory_are_refused(tmp_path: Path) -> None:
    assert read_whole("/dev/zero").not_regular == "a character device"
    directory = read_whole(str(tmp_path))
    assert directory.not_regular == "a directory" and directory.errno == errno.EISDIR


def test_a_file_over_the_cap_is_refused_and_a_missing_one_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    assert read_whole(str(path), limit=100).errno == errno.EFBIG
    assert read_whole(str(path), limit=101).data == b"x" * 101
    assert read_whole(str(tmp_path / "absent")).missing
    assert read_whole("bad\0path").data is None


def test_read_text_raises_as_open_would(tmp_path: Path, fifo: str) -> None:
    path = tmp_path / "t"
    path.write_bytes(b"a=1\r\nb=2\rc=3\n")
    assert read_text(str(path)) == "a=1\nb=2\nc=3\n"  # universal newlines, as open() reads
    with pytest.raises(OSError):
        read_text(fifo)
    for opened in (tmp_path / "absent", tmp_path):  # open()'s own words, path once
        with pytest.raises(OSError) as ours:
            read_text(str(opened))
        with pytest.raises(OSError) as theirs:
            open(opened).close()
        assert str(ours.value) == str(theirs.value)


def test_the_engine_readers_refuse_a_fifo(fifo: str) -> None:
    assert read_model(fifo, FileKind.CONFIG) is None
    assert read_key_value_file(fifo).values is None
    assert read_key_value_file("/dev/zero").values is None
