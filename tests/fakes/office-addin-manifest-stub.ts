/**
 * Jest stand-in for `office-addin-manifest` (mapped in jest.config.js): its dependencies are ES modules that jest's
 * CommonJS runtime cannot require, and `office-addin-mock` needs nothing of it but the `OfficeApp` names.
 */
export enum OfficeApp {
  Excel = 'excel',
  OneNote = 'onenote',
  Outlook = 'outlook',
  PowerPoint = 'powerpoint',
  Project = 'project',
  Word = 'word',
}
