import type { CleanDocument, DecodedDocument } from '../domain/document.ts';
import { cleanHtml, loadHtml } from './clean-html.ts';
import { cleanPdf } from './clean-pdf.ts';
import { cleanText } from './clean-text.ts';

/** A saved page whatever its file name says: crawls store HTML under .txt too. */
const HTML_START =
  /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<!doctype\s+html)/i;

/** Whether the document's text is an HTML page. */
export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, 1024));
}

/**
 * Cleans a decoded document by its format: PDFs by their pages, HTML pages (and .txt/.md files that hold a page)
 * through the HTML cleaner, text dumps and Markdown through the text cleaner.
 */
export function clean(doc: DecodedDocument): CleanDocument {
  if (doc.format === 'pdf') return cleanPdf(doc);
  if (doc.format === 'docx') return cleanText(doc);
  if (doc.format === 'html' || looksLikeHtml(doc.text)) return cleanHtml(loadHtml(doc.text), doc);
  return cleanText(doc);
}
