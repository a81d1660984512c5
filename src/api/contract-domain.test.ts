// The contract answers the domain's shapes as they are: routes hand domain values to the
// contract's schemas without mapping, and clients read them back as contract types, so each pair
// must be assignable both ways (checked by tsc; the test body only keeps vitest content).
import { expect, test } from 'vitest';
import type {
  CatalogueResponse,
  MemberSummary,
  ProfileResponse,
  SavedSegment,
  SearchHit,
  SegmentVersion,
  SegmentVersionSummary,
  TimelineResponse,
} from './contract.ts';
import type { FieldCatalogue } from '../domain/profile/field-catalogue.ts';
import type { CustomerProfile } from '../domain/profile/profile.ts';
import type { SharedDevice } from '../domain/profile/shared-devices.ts';
import type * as summaries from '../domain/profile/summaries.ts';
import type { TimelinePage } from '../domain/profile/timeline.ts';
import type * as saved from '../domain/segment/saved.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

test('the contract and the domain name the same shapes', () => {
  // The profile, with what no one history holds beside it: the devices other profiles share.
  const same: Same<Omit<ProfileResponse, 'shared_devices'>, CustomerProfile> &
    Same<ProfileResponse['shared_devices'][number], SharedDevice> &
    Same<TimelineResponse, TimelinePage> &
    Same<MemberSummary, summaries.MemberSummary> &
    Same<SearchHit, summaries.SearchHit> &
    Same<CatalogueResponse, FieldCatalogue> &
    Same<SavedSegment, saved.SavedSegment> &
    Same<SegmentVersion, saved.SegmentVersion> &
    Same<SegmentVersionSummary, saved.SegmentVersionSummary> = true;
  expect(same).toBe(true);
});
