import type { CleanDocument, DecodedDocument } from '../domain/document.ts';
import { cleanHtml } from './clean-html.ts';
import { cleanPdf } from './clean-pdf.ts';
import { cleanText } from './clean-text.ts';
import { loadHtml } from './dom.ts';
import { FRONT_MATTER } from './markdown.ts';

/** A saved page whatever its file name says: crawls store HTML under .txt too. */
const HTML_START =
  /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<!doctype\s+html)/i;

/** Whether the document's text is an HTML page. */
export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, 1024));
}

/**
 * Cleans a decoded document by its format: PDFs by their pages, HTML pages (and .txt/.md files
 * that hold a page) through the HTML cleaner, text dumps and Markdown through the text cleaner.
 * A .txt file that opens with a front matter block is a Markdown article (crawls of Hugo and
 * Jekyll sites store them so), whose title and date are in that block.
 */
export function clean(doc: DecodedDocument): CleanDocument {
  // A PDF's text keeps its pages' offsets (Mention.page): its title is not put in front.
  if (doc.format === 'pdf') return cleanPdf(doc);
  if (doc.format === 'docx') return cleanText(doc);
  if (doc.format === 'html' || looksLikeHtml(doc.text))
    return withHeadline(cleanHtml(loadHtml(doc.text), doc));
  if (doc.format === 'txt' && FRONT_MATTER.test(doc.text))
    return withHeadline({ ...cleanText({ ...doc, format: 'md' }), format: doc.format });
  return withHeadline(cleanText(doc));
}

/**
 * The headline as the first paragraph of the text: titles state facts too (某银行发布某某大模型),
 * and a text of one paragraph is all headline, so extraction must read it. The title field keeps
 * it as metadata.
 */
function withHeadline(doc: CleanDocument): CleanDocument {
  const title = doc.title.trim();
  if (!title || doc.text.startsWith(title)) return doc;
  return { ...doc, text: doc.text ? `${title}\n${doc.text}` : title };
}
