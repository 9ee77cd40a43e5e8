"""The edges of showprep: files, HTTP, article extraction, audio and speech engines.

Each adapter converts a foreign shape into domain types at the boundary, so nothing beyond this
package needs to know about YAML, httpx, trafilatura, PyAV or Whisper.
"""
