// Campaigns as versioned documents: the body is the domain's campaign; the API's SavedCampaign and
// CampaignVersion are mapped from the document and its versions. The loaded data's campaigns come
// in once per load (importedCampaigns), and what targets each segment is read from here.
import type { CampaignVersion, SavedCampaign } from '../../src/api/contract.ts';
import { campaignBody, type CampaignBody } from '../../src/domain/campaign/campaign.ts';
import type { SegmentCampaign } from '../store.ts';
import type { DocumentRepository, DocumentVersion, StoredDocument } from './repository.ts';
import { VersionedDocuments, type DocumentType } from './versioned-documents.ts';

export const campaignDocuments: DocumentType<CampaignBody> = {
  kind: 'campaign',
  body: campaignBody,
};

/** A repository's campaigns, their bodies checked on the way in and out. */
export function campaignsOf(repository: DocumentRepository): VersionedDocuments<CampaignBody> {
  return new VersionedDocuments(repository, campaignDocuments);
}

export function savedCampaignOf(document: StoredDocument<CampaignBody>): SavedCampaign {
  return {
    ...document.body,
    campaign_id: document.id,
    version: document.version,
    author: document.author,
    created_at: document.created_at,
    updated_at: document.updated_at,
  };
}

/** The body of a campaign as it is now: what a new version of it starts from. */
export function bodyOfCampaign(campaign: SavedCampaign): CampaignBody {
  const { campaign_id, version, author, created_at, updated_at, ...body } = campaign;
  void [campaign_id, version, author, created_at, updated_at];
  return body;
}

export function campaignVersionOf(version: DocumentVersion<CampaignBody>): CampaignVersion {
  return {
    ...version.body,
    campaign_id: version.id,
    version: version.version,
    author: version.author,
    at: version.at,
    note: version.note,
  };
}

/** Campaigns with a target segment, by campaign id: what makes a segment used. */
export async function segmentCampaignsOf(
  repository: DocumentRepository,
): Promise<SegmentCampaign[]> {
  return (await campaignsOf(repository).list()).flatMap(({ id, body }) =>
    body.segment === null
      ? []
      : [
          {
            campaign_id: id,
            name: body.name,
            status: body.status,
            segment_id: body.segment.segment_id,
          },
        ],
  );
}
